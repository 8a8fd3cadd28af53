CREATE TABLE "rollout_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rollout_record_id" uuid NOT NULL,
	"analyser_version" text NOT NULL,
	"framework_version_id" uuid,
	"analysis" jsonb NOT NULL,
	"worst_severity" text,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rollout_records" ADD COLUMN "state" text DEFAULT 'closed' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollout_records" ADD COLUMN "analyser_version" text;--> statement-breakpoint
ALTER TABLE "rollout_records" ADD COLUMN "append_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollout_records" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "rollout_analyses" ADD CONSTRAINT "rollout_analyses_rollout_record_id_rollout_records_id_fk" FOREIGN KEY ("rollout_record_id") REFERENCES "public"."rollout_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_analyses" ADD CONSTRAINT "rollout_analyses_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_analyses" ADD CONSTRAINT "rollout_analyses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollout_analyses_record_idx" ON "rollout_analyses" USING btree ("rollout_record_id","created_at");--> statement-breakpoint
-- Records stored before analyses were versioned: their analysis becomes the first history row, by analyser "1".
UPDATE "rollout_records" SET "analyser_version" = '1' WHERE "analysis" IS NOT NULL;--> statement-breakpoint
INSERT INTO "rollout_analyses" ("rollout_record_id", "analyser_version", "framework_version_id", "analysis", "worst_severity", "reason", "created_by", "created_at")
  SELECT "id", '1', "framework_version_id", "analysis", "worst_severity", 'created', "created_by", "created_at" FROM "rollout_records" WHERE "analysis" IS NOT NULL;
