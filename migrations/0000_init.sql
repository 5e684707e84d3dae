CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_name_unique` ON `api_tokens` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `breaches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`objective_id` text NOT NULL,
	`member_id` text,
	`subject_key` text NOT NULL,
	`period_key` text,
	`state` text NOT NULL,
	`entered_at` text NOT NULL,
	`left_at` text,
	`snoozed_until` text,
	`acknowledged_by` text,
	`acknowledged_at` text,
	`nudged_at` text,
	`escalated_at` text,
	`last_value` real,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `breaches_one_open_uq` ON `breaches` (`objective_id`,`subject_key`) WHERE "breaches"."left_at" is null;--> statement-breakpoint
CREATE INDEX `breaches_state_idx` ON `breaches` (`state`);--> statement-breakpoint
CREATE TABLE `check_ins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`team_id` text NOT NULL,
	`period_key` text NOT NULL,
	`submitted_at` text NOT NULL,
	`values` text NOT NULL,
	`wins` text,
	`blockers` text,
	`idempotency_key` text NOT NULL,
	`status` text NOT NULL,
	`platform` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_ins_idempotency_key_unique` ON `check_ins` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `check_ins_member_period_idx` ON `check_ins` (`member_id`,`period_key`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `check_ins_team_period_idx` ON `check_ins` (`team_id`,`period_key`);--> statement-breakpoint
CREATE TABLE `conversation_refs` (
	`platform` text NOT NULL,
	`key` text NOT NULL,
	`member_id` text,
	`team_id` text,
	`ref` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`platform`, `key`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text,
	`objective_id` text,
	`author` text NOT NULL,
	`created_at` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "decisions_kind_ck" CHECK("decisions"."kind" in ('decision', 'hypothesis', 'test', 'result'))
);
--> statement-breakpoint
CREATE INDEX `decisions_team_idx` ON `decisions` (`team_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `decisions_objective_idx` ON `decisions` (`objective_id`);--> statement-breakpoint
CREATE TABLE `kpis` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`unit` text NOT NULL,
	`kind` text NOT NULL,
	`direction` text NOT NULL,
	`aggregation` text NOT NULL,
	`formula` text,
	`sources` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`config_json` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role_id` text,
	`start_date` text NOT NULL,
	`timezone` text,
	`locale` text,
	`slack_user_id` text,
	`teams_aad_id` text,
	`email` text,
	`upn` text,
	`active` integer DEFAULT true NOT NULL,
	`config_json` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `members_slack_idx` ON `members` (`slack_user_id`);--> statement-breakpoint
CREATE INDEX `members_teams_idx` ON `members` (`teams_aad_id`);--> statement-breakpoint
CREATE INDEX `members_email_idx` ON `members` (`email`);--> statement-breakpoint
CREATE INDEX `members_upn_idx` ON `members` (`upn`);--> statement-breakpoint
CREATE TABLE `metric_value_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`metric_value_id` integer NOT NULL,
	`member_id` text,
	`team_id` text,
	`kpi_id` text NOT NULL,
	`date` text NOT NULL,
	`value` real NOT NULL,
	`recorded_at` text NOT NULL,
	`superseded_at` text NOT NULL,
	FOREIGN KEY (`metric_value_id`) REFERENCES `metric_values`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `metric_value_history_value_idx` ON `metric_value_history` (`metric_value_id`);--> statement-breakpoint
CREATE TABLE `metric_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text,
	`team_id` text,
	`kpi_id` text NOT NULL,
	`date` text NOT NULL,
	`value` real NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kpi_id`) REFERENCES `kpis`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "metric_values_subject_ck" CHECK("metric_values"."member_id" is not null or "metric_values"."team_id" is not null),
	CONSTRAINT "metric_values_source_ck" CHECK("metric_values"."source" in ('checkin', 'import', 'api'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `metric_values_source_external_uq` ON `metric_values` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `metric_values_member_date_idx` ON `metric_values` (`member_id`,`date`);--> statement-breakpoint
CREATE INDEX `metric_values_team_date_idx` ON `metric_values` (`team_id`,`date`);--> statement-breakpoint
CREATE TABLE `objective_target_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`objective_id` text NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` text NOT NULL,
	`reason` text NOT NULL,
	`old_target` text,
	`new_target` text,
	`effective_from` text,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `objective_target_history_objective_idx` ON `objective_target_history` (`objective_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `objectives` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`role_id` text,
	`member_id` text,
	`team_id` text,
	`kpi_id` text NOT NULL,
	`target` text NOT NULL,
	`schedule` text NOT NULL,
	`effective_from` text,
	`per` text NOT NULL,
	`comparator` text NOT NULL,
	`weight` real,
	`alert` real,
	`frequency` text,
	`owner_id` text,
	`contributors` text,
	`approver_id` text,
	`segment` text,
	`label` text,
	`active` integer DEFAULT true NOT NULL,
	`config_json` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kpi_id`) REFERENCES `kpis`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "objectives_scope_ck" CHECK("objectives"."scope" in ('role', 'member', 'team'))
);
--> statement-breakpoint
CREATE INDEX `objectives_team_idx` ON `objectives` (`team_id`);--> statement-breakpoint
CREATE INDEX `objectives_member_idx` ON `objectives` (`member_id`);--> statement-breakpoint
CREATE INDEX `objectives_role_idx` ON `objectives` (`role_id`);--> statement-breakpoint
CREATE TABLE `ooo_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`reason` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`cancelled_at` text,
	`cancelled_by` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ooo_periods_range_ck" CHECK("ooo_periods"."from_date" <= "ooo_periods"."to_date")
);
--> statement-breakpoint
CREATE INDEX `ooo_periods_member_idx` ON `ooo_periods` (`member_id`,`from_date`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text,
	`platform` text NOT NULL,
	`target` text NOT NULL,
	`view` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`lease_until` text,
	`message_ref` text,
	`last_error` text,
	`occurrence_id` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`occurrence_id`) REFERENCES `ritual_occurrences`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_ready_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `reactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`post_ref` text NOT NULL,
	`emoji` text NOT NULL,
	`user_id` text NOT NULL,
	`member_id` text,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reactions_uq` ON `reactions` (`platform`,`post_ref`,`emoji`,`user_id`);--> statement-breakpoint
CREATE TABLE `ritual_occurrences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`team_id` text NOT NULL,
	`ritual` text NOT NULL,
	`period_key` text NOT NULL,
	`member_id` text,
	`status` text NOT NULL,
	`due_at` text NOT NULL,
	`sent_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ritual_occurrences_key_unique` ON `ritual_occurrences` (`key`);--> statement-breakpoint
CREATE INDEX `ritual_occurrences_due_idx` ON `ritual_occurrences` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `scheduler_leases` (
	`key` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`until` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` text NOT NULL,
	`member_id` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`joined_at` text NOT NULL,
	`left_at` text,
	PRIMARY KEY(`team_id`, `member_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_member_idx` ON `team_members` (`member_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`locale` text NOT NULL,
	`slack_channel_id` text,
	`teams_channel_id` text,
	`managers` text NOT NULL,
	`holidays` text NOT NULL,
	`rituals` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`config_json` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
