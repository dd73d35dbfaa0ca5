-- Full-text search: one FTS5 table per searchable collection, joined to it by rowid.
-- Columns hold text already folded by src/db/search.ts (lowercase, no accents, "st" read as "saint");
-- `name_key` is the folded name, used to rank exact and prefix matches first.
-- Written by hand: drizzle-kit does not generate virtual tables.
CREATE VIRTUAL TABLE `communes_search` USING fts5(`name_key` UNINDEXED, `name`, `body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `intercommunalities_search` USING fts5(`name_key` UNINDEXED, `name`, `body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `members_search` USING fts5(`name_key` UNINDEXED, `name`, `body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `conventions_search` USING fts5(`name_key` UNINDEXED, `name`, `body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `measures_search` USING fts5(`name_key` UNINDEXED, `name`, `body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `funding_links_search` USING fts5(`name_key` UNINDEXED, `name`, `body`, tokenize = 'unicode61 remove_diacritics 2');
