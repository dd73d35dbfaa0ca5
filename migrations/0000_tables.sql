CREATE TABLE `communes` (
	`code` text PRIMARY KEY NOT NULL,
	`name_key` text NOT NULL,
	`intercommunality` text NOT NULL,
	`arrondissement` text NOT NULL,
	`department` text NOT NULL,
	`postal_codes` text NOT NULL,
	`population` integer NOT NULL,
	`area` real NOT NULL,
	`signed_on` text NOT NULL,
	`france_services` integer NOT NULL,
	`record_id` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `communes_intercommunality` ON `communes` (`intercommunality`);--> statement-breakpoint
CREATE INDEX `communes_population` ON `communes` (`population`);--> statement-breakpoint
CREATE INDEX `communes_name_key` ON `communes` (`name_key`);--> statement-breakpoint
CREATE TABLE `conventions` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`intercommunality` text NOT NULL,
	`communes` text NOT NULL,
	`signed_on` text NOT NULL,
	`record_id` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conventions_intercommunality` ON `conventions` (`intercommunality`);--> statement-breakpoint
CREATE TABLE `funding_links` (
	`id` text PRIMARY KEY NOT NULL,
	`name_key` text NOT NULL,
	`provider` text NOT NULL,
	`kind` text NOT NULL,
	`measures` text NOT NULL,
	`record_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `intercommunalities` (
	`siren` text PRIMARY KEY NOT NULL,
	`name_key` text NOT NULL,
	`legal_form` text NOT NULL,
	`tax_regime` text NOT NULL,
	`departments` text NOT NULL,
	`population` integer NOT NULL,
	`member_count` integer NOT NULL,
	`record_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `measures` (
	`id` text PRIMARY KEY NOT NULL,
	`name_key` text NOT NULL,
	`category` text NOT NULL,
	`record_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `members` (
	`intercommunality` text NOT NULL,
	`code` text NOT NULL,
	`name_key` text NOT NULL,
	`department` text NOT NULL,
	`population` integer NOT NULL,
	`laureate` integer NOT NULL,
	`record_id` integer NOT NULL,
	PRIMARY KEY(`intercommunality`, `code`)
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `records` (
	`id` integer PRIMARY KEY NOT NULL,
	`record` text NOT NULL
);
