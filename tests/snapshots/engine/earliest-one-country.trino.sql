WITH "t7" AS (
  SELECT
    *
  FROM "liaison_states" AS "t2"
)
SELECT
  "t21"."start_date" AS "first",
  "t21"."date_precision" AS "first_precision"
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t18"."row",
      "t18"."meeting_id",
      "t18"."title",
      "t18"."title_fr",
      "t18"."series",
      "t18"."edition",
      "t18"."format",
      "t18"."start_date",
      "t18"."end_date",
      "t18"."date_precision",
      "t18"."venue_id",
      "t18"."organizer",
      "t18"."parent_meeting_id",
      "t18"."search",
      IF("t8"."parent_id" IS NOT NULL, "t8"."parent_start", "t18"."start_date") AS "family_start",
      COALESCE("t8"."parent_id", "t18"."meeting_id") AS "family",
      "t8"."parent_id" IS NOT NULL AS "margin"
    FROM (
      SELECT
        *
      FROM "liaison_meetings" AS "t0"
      WHERE
        "t0"."meeting_id" IN (
          SELECT
            "t15"."meeting_id"
          FROM (
            SELECT
              *
            FROM (
              SELECT DISTINCT
                "t10"."meeting_id",
                "t10"."actor" AS "iso3"
              FROM (
                SELECT
                  *
                FROM "liaison_participants" AS "t1"
                WHERE
                  "t1"."actor" IN (
                    SELECT
                      *
                    FROM "t7"
                  )
              ) AS "t10"
            ) AS "t12"
            UNION
            SELECT
              *
            FROM (
              SELECT
                "t13"."meeting_id",
                "t13"."country_iso3" AS "iso3"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t4"."row",
                    "t4"."meeting_id",
                    "t4"."title",
                    "t4"."title_fr",
                    "t4"."series",
                    "t4"."edition",
                    "t4"."format",
                    "t4"."start_date",
                    "t4"."end_date",
                    "t4"."date_precision",
                    "t4"."venue_id",
                    "t4"."organizer",
                    "t4"."parent_meeting_id",
                    "t4"."search",
                    "t5"."name",
                    "t5"."name_fr",
                    "t5"."city",
                    "t5"."country_iso3",
                    "t5"."latitude",
                    "t5"."longitude"
                  FROM "liaison_meetings" AS "t4"
                  INNER JOIN "liaison_venues" AS "t5"
                    ON "t4"."venue_id" = "t5"."venue_id"
                ) AS "t11"
                WHERE
                  "t11"."country_iso3" IN (
                    SELECT
                      *
                    FROM "t7"
                  )
              ) AS "t13"
            ) AS "t14"
          ) AS "t15"
          WHERE
            "t15"."iso3" IN ('RUS')
        )
    ) AS "t18"
    LEFT OUTER JOIN (
      SELECT
        "t0"."meeting_id" AS "parent_id",
        "t0"."start_date" AS "parent_start"
      FROM "liaison_meetings" AS "t0"
    ) AS "t8"
      ON "t18"."parent_meeting_id" = "t8"."parent_id"
  ) AS "t19"
  WHERE
    "t19"."start_date" IS NOT NULL AND "t19"."date_precision" <> 'unknown'
  ORDER BY
    "t19"."start_date" ASC,
    "t19"."family_start" DESC,
    "t19"."family" ASC,
    "t19"."margin" ASC,
    "t19"."meeting_id" ASC
  LIMIT 1
) AS "t21"
