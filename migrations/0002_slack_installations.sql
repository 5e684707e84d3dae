CREATE TABLE `slack_installations` (
	`key` text PRIMARY KEY NOT NULL,
	`team_id` text,
	`enterprise_id` text,
	`is_enterprise_install` integer NOT NULL,
	`installation` text NOT NULL,
	`installed_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_installations_team_idx` ON `slack_installations` (`team_id`);--> statement-breakpoint
CREATE INDEX `slack_installations_enterprise_idx` ON `slack_installations` (`enterprise_id`);