#include "audit/audit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "core/crypto.h"
#include "store/store.h"
#include "test_util.h"

namespace openpact::audit {
namespace {

class AuditSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Init().ok());
    url_ = testing::FreshDatabaseUrl(GetParam(), dir_);
    const std::string& url = url_;
    if (url.empty()) GTEST_SKIP() << GetParam() << " not available";
    auto s = store::Store::Open(url);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Migrate().ok());
    auto key = SigningKey::LoadOrCreate(dir_.File("keys/signing.key"));
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    key_ = std::move(*key);
    log_ = std::make_unique<AuditLog>(store_.get(), &key_);
  }

  void AppendN(int n) {
    for (int i = 0; i < n; ++i) {
      auto e = log_->Append({"alice", "registry_operator", "registry.enrol",
                             "record:" + std::to_string(i), "registration", "ok"});
      ASSERT_TRUE(e.ok()) << e.status().ToString();
    }
  }
  VerifyReport Verify() {
    auto r = log_->Verify(key_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : VerifyReport{};
  }
  void Sql(const std::string& sql) { ASSERT_TRUE(store_->Exec(sql).ok()) << sql; }

  testing::TempDir dir_;
  std::string url_;
  std::unique_ptr<store::Store> store_;
  SigningKey key_;
  std::unique_ptr<AuditLog> log_;
};

// A log sealed by one key takes no checkpoint of another, and OpenFor hands out only the key that
// sealed it (a new log gets a new key).
TEST_P(AuditSuite, OneLogOneKey) {
  AppendN(2);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  auto other = SigningKey::LoadOrCreate(dir_.File("keys/other.key"));
  ASSERT_TRUE(other.ok());
  AuditLog intruder(store_.get(), &*other);
  AppendN(1);
  auto refused = intruder.CheckpointNow();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Verify().ok);
  auto same = SigningKey::OpenFor(store_.get(), dir_.File("keys/signing.key"));
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->key_id(), key_.key_id());
  auto wrong = SigningKey::OpenFor(store_.get(), dir_.File("keys/other.key"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().field(), "--audit-key");
  auto missing = SigningKey::OpenFor(store_.get(), dir_.File("keys/typo.key"));
  ASSERT_FALSE(missing.ok());
  EXPECT_FALSE(std::filesystem::exists(dir_.File("keys/typo.key")));
}

// Two connections (the server and a CLI command) append at once: every entry lands once and the
// chain stays whole, because writers take turns (the head an append reads is still the head when
// it inserts; on PostgreSQL the two once raced for the same seq and one had to retry).
TEST_P(AuditSuite, ConcurrentAppendsKeepOneChain) {
  auto work = [&](const char* actor, std::string* error) {
    auto s = store::Store::Open(url_);
    if (!s.ok()) {
      *error = s.status().ToString();
      return;
    }
    AuditLog log(s->get(), &key_);
    for (int i = 0; i < 50; ++i) {
      auto e = log.Append({actor, "registry_operator", "registry.enrol", "record:" + std::to_string(i), "", "ok"});
      if (!e.ok()) {
        *error = e.status().ToString();
        return;
      }
    }
  };
  std::string error_a, error_b;
  std::thread a(work, "alice", &error_a), b(work, "bob", &error_b);
  a.join();
  b.join();
  EXPECT_EQ(error_a, "");
  EXPECT_EQ(error_b, "");
  ASSERT_TRUE(log_->CheckpointNow().ok());
  VerifyReport r = Verify();
  EXPECT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.entries_checked, 100);
}

TEST_P(AuditSuite, IntactLogVerifies) {
  AppendN(10);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  AppendN(3);
  VerifyReport r = Verify();
  EXPECT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.entries_checked, 13);
  EXPECT_EQ(r.checkpoints_checked, 1);
  EXPECT_EQ(*log_->EntriesSinceCheckpoint(), 3);
}

TEST_P(AuditSuite, EntriesChainToTheirPredecessor) {
  AppendN(3);
  auto entries = log_->List(0, 10);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].prev_hash, std::string(64, '0'));
  EXPECT_EQ((*entries)[1].prev_hash, (*entries)[0].hash);
  EXPECT_EQ((*entries)[2].prev_hash, (*entries)[1].hash);
  EXPECT_EQ((*entries)[2].input.actor, "alice");
}

TEST_P(AuditSuite, EditedEntryIsNamed) {
  AppendN(10);
  Sql("UPDATE audit_log SET purpose = 'curiosity' WHERE seq = 4");
  VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 4);
  EXPECT_EQ(r.problem, "altered");
  EXPECT_NE(r.message.find("entry 4"), std::string::npos) << r.message;
}

TEST_P(AuditSuite, RecomputedHashStillBreaksTheChain) {
  // A forger who edits an entry and recomputes its hash breaks the link to the next entry.
  AppendN(6);
  auto entries = *log_->List(0, 10);
  Entry e = entries[2];
  e.input.purpose = "forged";
  const std::string h = AuditLog::HashEntry(e);
  Sql("UPDATE audit_log SET purpose = 'forged', hash = '" + h + "' WHERE seq = 3");
  VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 4);
  EXPECT_EQ(r.problem, "reordered");
}

TEST_P(AuditSuite, DeletedEntryIsNamed) {
  AppendN(10);
  Sql("DELETE FROM audit_log WHERE seq = 6");
  VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 6);
  EXPECT_EQ(r.problem, "removed");
}

TEST_P(AuditSuite, ReorderedEntriesAreDetected) {
  AppendN(8);
  // Swap the contents of entries 3 and 5 by swapping their sequence numbers.
  Sql("UPDATE audit_log SET seq = 1000 WHERE seq = 3");
  Sql("UPDATE audit_log SET seq = 3 WHERE seq = 5");
  Sql("UPDATE audit_log SET seq = 5 WHERE seq = 1000");
  VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 3);
}

TEST_P(AuditSuite, DeletingTheNewestSealedEntriesIsDetected) {
  AppendN(10);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  Sql("DELETE FROM audit_log WHERE seq > 8");
  VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem, "truncated");
  EXPECT_EQ(r.first_bad_seq, 9);
}

TEST_P(AuditSuite, DeletingNewestEntriesAndTheirCheckpointIsCaughtByTheAnchor) {
  AppendN(5);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  AppendN(5);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  Sql("DELETE FROM audit_log WHERE seq > 5");
  Sql("DELETE FROM audit_checkpoint WHERE seq > 5");
  VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem, "truncated");
  EXPECT_EQ(r.first_bad_seq, 6);
  EXPECT_NE(r.message.find("anchor"), std::string::npos) << r.message;
}

TEST_P(AuditSuite, ForgedCheckpointOrForeignKeyFails) {
  AppendN(4);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  auto other = SigningKey::LoadOrCreate(dir_.File("other.key"));
  ASSERT_TRUE(other.ok());
  auto r = log_->Verify(*other);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->ok);
  EXPECT_EQ(r->problem, "bad_signature");
  Sql("UPDATE audit_checkpoint SET entries = 3");
  VerifyReport mine = Verify();
  EXPECT_FALSE(mine.ok);
  EXPECT_EQ(mine.problem, "bad_signature");
}

TEST_P(AuditSuite, VerifiesWithThePublicKeyAlone) {
  AppendN(3);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  auto pub = SigningKey::FromPublicHex(key_.public_key_hex());
  ASSERT_TRUE(pub.ok());
  EXPECT_FALSE(pub->can_sign());
  auto r = log_->Verify(*pub);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ok) << r->message;
}

TEST_P(AuditSuite, PruneRemovesOnlyWholeSealedPeriodsAndTheChainStillVerifies) {
  AppendN(6);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  AppendN(2);  // not sealed: must survive pruning
  auto n = log_->Prune(Date::Today().AddDays(1), {"root", "admin", "", "", "retention", ""});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 6);
  auto left = log_->List(0, 100);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 3u);  // the 2 unsealed + the prune's own entry
  EXPECT_EQ(left->front().seq, 7);
  EXPECT_EQ(left->back().input.action, "audit.prune");
  VerifyReport r = Verify();
  EXPECT_TRUE(r.ok) << r.message;
  AppendN(2);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  EXPECT_TRUE(Verify().ok);
  // Nothing is pruned when no sealed period ended before the date.
  EXPECT_EQ(*log_->Prune(*Date::Parse("2000-01-01"), {"root", "admin", "", "", "", ""}), 0);
}

TEST_P(AuditSuite, EntryInsertedIntoAPrunedPeriodIsDetected) {
  AppendN(4);
  ASSERT_TRUE(log_->CheckpointNow().ok());
  ASSERT_TRUE(log_->Prune(Date::Today().AddDays(1), {"root", "admin", "", "", "", ""}).ok());
  Sql("INSERT INTO audit_log (seq, at, actor, role, action, object, purpose, outcome, prev_hash, "
      "hash) VALUES (2, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x')");
  VerifyReport r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem, "inserted");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditSuite, ::testing::ValuesIn(testing::StoreBackends()),
                         [](const auto& info) { return info.param; });

TEST(SigningKey, CreatedOnceWithPrivateModeAndReloaded) {
  ASSERT_TRUE(crypto::Init().ok());
  testing::TempDir dir;
  auto a = SigningKey::LoadOrCreate(dir.File("k/audit.key"));
  ASSERT_TRUE(a.ok());
  auto perms = std::filesystem::status(dir.File("k/audit.key")).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::group_read, std::filesystem::perms::none);
  EXPECT_EQ(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
  // Written through a temporary file of its own that does not stay behind.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.File("k"))) files += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1);
  auto b = SigningKey::LoadOrCreate(dir.File("k/audit.key"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->public_key_hex(), b->public_key_hex());
  EXPECT_EQ(a->key_id().size(), 16u);
  EXPECT_FALSE(SigningKey::FromPublicHex("zz").ok());
}

}  // namespace
}  // namespace openpact::audit
