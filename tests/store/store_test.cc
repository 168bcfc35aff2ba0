// The shared store suite: every test runs on SQLite and, when OPENPACT_TEST_PG names a server,
// on PostgreSQL, so both backends keep one behaviour.
#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <thread>

#include "test_util.h"

namespace openpact::store {
namespace {

class StoreSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = testing::FreshDatabaseUrl(GetParam(), dir_);
    if (url_.empty()) GTEST_SKIP() << GetParam() << " not available";
    auto s = Store::Open(url_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Migrate().ok());
    ASSERT_TRUE(store_->Exec("CREATE TABLE kv (k TEXT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, "
                             "b " + std::string(GetParam() == "sqlite" ? "BLOB" : "BYTEA") + ")")
                    .ok());
  }

  testing::TempDir dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreSuite, ReportsItsBackend) { EXPECT_EQ(store_->backend(), GetParam()); }

TEST_P(StoreSuite, MigratesToTheLatestVersionOnceAndIdempotently) {
  EXPECT_EQ(*store_->SchemaVersion(), LatestSchemaVersion());
  ASSERT_TRUE(store_->Migrate().ok());
  auto r = store_->Query("SELECT count(*) FROM schema_migrations");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0].Int(0), LatestSchemaVersion());
}

TEST_P(StoreSuite, RefusesADatabaseNewerThanTheBinary) {
  ASSERT_TRUE(store_->Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                           {int64_t{LatestSchemaVersion() + 1}, std::string("future"), std::string("x")})
                  .ok());
  Status s = store_->Migrate();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("newer"), std::string::npos);
}

TEST_P(StoreSuite, RoundTripsEveryValueType) {
  const std::string bytes("\x00\x01\xff\x7f binary", 12);
  ASSERT_TRUE(store_->Exec("INSERT INTO kv (k, i, r, b) VALUES (?, ?, ?, ?)",
                           {std::string("a'b?\"c"), int64_t{-9007199254740993LL}, 0.1, Blob{bytes}})
                  .ok());
  ASSERT_TRUE(store_->Exec("INSERT INTO kv (k, i, r, b) VALUES (?, ?, ?, ?)",
                           {std::string("null"), std::monostate{}, std::monostate{}, std::monostate{}})
                  .ok());
  auto r = store_->Query("SELECT k, i, r, b FROM kv WHERE k = ?", {std::string("a'b?\"c")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].Text(0), "a'b?\"c");
  EXPECT_EQ(r->rows[0].Int(1), -9007199254740993LL);
  EXPECT_DOUBLE_EQ(r->rows[0].Real(2), 0.1);
  EXPECT_EQ(r->rows[0].Bytes(3), bytes);
  auto n = store_->Query("SELECT i, b FROM kv WHERE k = 'null'");
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(n->rows[0].IsNull(0));
  EXPECT_TRUE(n->rows[0].IsNull(1));
  EXPECT_EQ(n->columns, (std::vector<std::string>{"i", "b"}));
}

TEST_P(StoreSuite, UniqueViolationIsAlreadyExists) {
  ASSERT_TRUE(store_->Exec("INSERT INTO kv (k) VALUES (?)", {std::string("x")}).ok());
  Status s = store_->Exec("INSERT INTO kv (k) VALUES (?)", {std::string("x")});
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists) << s.ToString();
}

TEST_P(StoreSuite, RolledBackTransactionLeavesNoTrace) {
  {
    auto tx = Transaction::Begin(store_.get());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(store_->Exec("INSERT INTO kv (k) VALUES ('gone')").ok());
    // No Commit: the destructor rolls back.
  }
  {
    auto tx = Transaction::Begin(store_.get());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(store_->Exec("INSERT INTO kv (k) VALUES ('kept')").ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto r = store_->Query("SELECT k FROM kv ORDER BY k");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].Text(0), "kept");
}

TEST_P(StoreSuite, DataSurvivesReopening) {
  ASSERT_TRUE(store_->Exec("INSERT INTO kv (k, i) VALUES ('durable', 7)").ok());
  store_.reset();
  auto s = Store::Open(url_);
  ASSERT_TRUE(s.ok());
  auto r = (*s)->Query("SELECT i FROM kv WHERE k = 'durable'");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows.at(0).Int(0), 7);
}

TEST_P(StoreSuite, SqlErrorsAreReportedNotSwallowed) {
  EXPECT_FALSE(store_->Exec("INSERT INTO no_such_table VALUES (1)").ok());
  EXPECT_FALSE(store_->Query("SELEC 1").ok());
}

TEST_P(StoreSuite, ReadOnlyConnectionRefusesWrites) {
  StoreOptions ro;
  ro.read_only = true;
  auto s = Store::Open(url_, ro);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  Status w = (*s)->Exec("INSERT INTO kv (k) VALUES (?)", {std::string("nope")});
  EXPECT_EQ(w.code(), StatusCode::kReadOnly) << w.ToString();
  EXPECT_NE(w.message().find("read-only"), std::string::npos);
  EXPECT_TRUE((*s)->Query("SELECT count(*) FROM kv").ok());
}

// Two connections (two processes: a CLI command beside the server) each read a value, change it
// and write it back in a transaction, as a screening record or an audit append does. Writers are
// serialised on both backends, so no update is lost: on PostgreSQL, whose default isolation let
// both read the same value, one increment in two was lost before.
TEST_P(StoreSuite, ConcurrentReadModifyWriteLosesNoUpdate) {
  ASSERT_TRUE(store_->Exec("INSERT INTO kv (k, i) VALUES ('counter', 0)").ok());
  constexpr int kEach = 100;
  auto work = [&](std::string* error) {
    auto s = Store::Open(url_);
    if (!s.ok()) {
      *error = s.status().ToString();
      return;
    }
    for (int n = 0; n < kEach; ++n) {
      auto tx = Transaction::Begin(s->get());
      if (!tx.ok()) {
        *error = tx.status().ToString();
        return;
      }
      auto r = (*s)->Query("SELECT i FROM kv WHERE k = 'counter'");
      if (!r.ok()) {
        *error = r.status().ToString();
        return;
      }
      const int64_t v = r->rows[0].Int(0);
      std::this_thread::yield();  // widen the window between the read and the write
      Status w = (*s)->Exec("UPDATE kv SET i = ? WHERE k = 'counter'", {v + 1});
      if (w.ok()) w = tx->Commit();
      if (!w.ok()) {
        *error = w.ToString();
        return;
      }
    }
  };
  std::string error_a, error_b;
  std::thread a(work, &error_a), b(work, &error_b);
  a.join();
  b.join();
  EXPECT_EQ(error_a, "");
  EXPECT_EQ(error_b, "");
  auto r = store_->Query("SELECT i FROM kv WHERE k = 'counter'");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0].Int(0), 2 * kEach);
}

// Transactions nest: an inner one joins the outermost, so a change and its audit entry commit
// together; an inner one that ends without Commit makes the whole roll back.
TEST_P(StoreSuite, NestedTransactionsCommitTogetherOrNotAtAll) {
  auto count = [&] { return store_->Query("SELECT count(*) FROM kv")->rows[0].Int(0); };
  {
    auto outer = Transaction::Begin(store_.get());
    ASSERT_TRUE(outer.ok());
    ASSERT_TRUE(store_->Exec("INSERT INTO kv (k) VALUES ('a')").ok());
    auto inner = Transaction::Begin(store_.get());
    ASSERT_TRUE(inner.ok());
    ASSERT_TRUE(store_->Exec("INSERT INTO kv (k) VALUES ('b')").ok());
    ASSERT_TRUE(inner->Commit().ok());
    ASSERT_TRUE(outer->Commit().ok());
  }
  EXPECT_EQ(count(), 2);
  {
    auto outer = Transaction::Begin(store_.get());
    ASSERT_TRUE(store_->Exec("INSERT INTO kv (k) VALUES ('c')").ok());
    {
      auto inner = Transaction::Begin(store_.get());
      ASSERT_TRUE(store_->Exec("INSERT INTO kv (k) VALUES ('d')").ok());
    }  // ends without Commit: a part failed
    const Status committed = outer->Commit();
    EXPECT_FALSE(committed.ok());
  }
  EXPECT_EQ(count(), 2);  // neither c nor d
  {
    auto outer = Transaction::Begin(store_.get());
    auto inner = Transaction::Begin(store_.get());
    ASSERT_TRUE(store_->Exec("INSERT INTO kv (k) VALUES ('e')").ok());
    ASSERT_TRUE(inner->Commit().ok());
  }  // the outermost ends without Commit
  EXPECT_EQ(count(), 2);
  auto after = Transaction::Begin(store_.get());  // the connection is usable again
  ASSERT_TRUE(after.ok());
  ASSERT_TRUE(store_->Exec("INSERT INTO kv (k) VALUES ('f')").ok());
  ASSERT_TRUE(after->Commit().ok());
  EXPECT_EQ(count(), 3);
}

TEST_P(StoreSuite, IntegrityCheckPassesOnAHealthyStore) { EXPECT_TRUE(store_->CheckIntegrity().ok()); }

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite, ::testing::ValuesIn(testing::StoreBackends()),
                         [](const auto& info) { return info.param; });

// Failure modes that only the embedded backend can be driven into from a test.
TEST(SqliteStore, LockedDatabaseIsBusy) {
  testing::TempDir dir;
  StoreOptions quick;
  quick.busy_timeout_ms = 50;
  auto a = Store::Open(dir.File("db"), quick);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE((*a)->Exec("CREATE TABLE t (x INTEGER)").ok());
  auto b = Store::Open(dir.File("db"), quick);
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE((*a)->Begin().ok());  // BEGIN IMMEDIATE takes the write lock
  ASSERT_TRUE((*a)->Exec("INSERT INTO t VALUES (1)").ok());
  Status s = (*b)->Exec("INSERT INTO t VALUES (2)");
  EXPECT_EQ(s.code(), StatusCode::kBusy) << s.ToString();
  EXPECT_NE(s.message().find("locked"), std::string::npos);
  ASSERT_TRUE((*a)->Commit().ok());
  EXPECT_TRUE((*b)->Exec("INSERT INTO t VALUES (2)").ok());
}

TEST(SqliteStore, FileThatIsNotADatabaseIsCorruption) {
  testing::TempDir dir;
  std::ofstream(dir.File("junk.db")) << std::string(8192, 'J');
  auto s = Store::Open(dir.File("junk.db"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kCorruption) << s.status().ToString();
  // Nothing was written over the damaged file.
  std::ifstream in(dir.File("junk.db"));
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, std::string(8192, 'J'));
}

TEST(SqliteStore, DamagedPagesFailTheIntegrityCheck) {
  testing::TempDir dir;
  {
    auto s = Store::Open(dir.File("db"));
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Exec("PRAGMA journal_mode=DELETE").ok());
    ASSERT_TRUE((*s)->Exec("CREATE TABLE t (x TEXT); CREATE INDEX tx ON t(x)").ok());
    for (int i = 0; i < 400; ++i) {
      ASSERT_TRUE((*s)->Exec("INSERT INTO t VALUES (?)", {std::string(100, 'a' + i % 26)}).ok());
    }
  }
  {
    // Overwrite part of a page in the middle of the file.
    std::fstream f(dir.File("db"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 3 + 100);
    const std::string garbage(500, '\x5a');
    f.write(garbage.data(), garbage.size());
  }
  auto s = Store::Open(dir.File("db"));
  Status st = s.ok() ? (*s)->CheckIntegrity() : s.status();
  EXPECT_EQ(st.code(), StatusCode::kCorruption) << st.ToString();
}

TEST(SqliteStore, MissingFileOpenedReadOnlyIsNotFound) {
  testing::TempDir dir;
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_EQ(Store::Open(dir.File("absent.db"), ro).status().code(), StatusCode::kNotFound);
}

TEST(PostgresStore, UnreachableServerIsUnavailable) {
  auto s = Store::Open("postgresql:///nodb?host=/nonexistent-socket-dir&connect_timeout=2");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace openpact::store
