import GRDB

/// The history database's schema, versioned with GRDB migrations (table `grdb_migrations`). Add a migration for each
/// change; never edit one that shipped.
enum HistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "push") { t in
                t.column("run", .text).primaryKey()
                t.column("time", .double).notNull().indexed()
                t.column("mode", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("selected_tests", .integer).notNull()
                t.column("full_suite_tests", .integer).notNull()
                t.column("wall_time", .double).notNull()
                t.column("diff_coverage", .double)
            }
            try db.create(table: "test_run") { t in
                t.column("run", .text).notNull().references("push", onDelete: .cascade)
                t.column("commit_id", .text).notNull()
                t.column("tree", .text).notNull()
                t.column("suite", .text).notNull()
                t.column("runner", .text).notNull()
                t.column("test", .text).notNull()
                t.column("outcome", .text).notNull()
                t.column("duration", .double)
                t.column("attempt", .integer).notNull()
                t.column("phase", .text).notNull()
                t.column("message", .text)
                t.uniqueKey(["run", "suite", "test", "phase", "attempt"], onConflict: .ignore)
            }
            try db.create(index: "test_run_by_test", on: "test_run", columns: ["suite", "test", "tree"])
            try db.create(table: "fix_attempt") { t in
                t.column("run", .text).notNull().references("push", onDelete: .cascade)
                t.column("attempt", .integer).notNull()
                t.column("provider", .text).notNull()
                t.column("model", .text).notNull()
                t.column("input_tokens", .integer)
                t.column("output_tokens", .integer)
                t.column("outcome", .text).notNull()
                t.primaryKey(["run", "attempt"], onConflict: .ignore)
            }
        }
        return migrator
    }
}
