CREATE TABLE "processed_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"expires_at" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "processed_keys_expires_idx" ON "processed_keys" USING btree ("expires_at");