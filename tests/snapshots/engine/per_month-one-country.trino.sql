WITH "t6" AS (
  SELECT
    *
  FROM "liaison_states" AS "t2"
)
SELECT
  *
FROM (
  SELECT
    "t16"."month",
    "t16"."format",
    COUNT(*) AS "meetings"
  FROM (
    SELECT
      "t15"."row",
      "t15"."meeting_id",
      "t15"."title",
      "t15"."title_fr",
      "t15"."series",
      "t15"."edition",
      "t15"."format",
      "t15"."start_date",
      "t15"."end_date",
      "t15"."date_precision",
      "t15"."venue_id",
      "t15"."organizer",
      "t15"."parent_meeting_id",
      "t15"."search",
      DATE_TRUNC('MONTH', "t15"."start_date") AS "month"
    FROM (
      SELECT
        *
      FROM "liaison_meetings" AS "t0"
      WHERE
        "t0"."meeting_id" IN (
          SELECT
            "t13"."meeting_id"
          FROM (
            SELECT
              *
            FROM (
              SELECT DISTINCT
                "t8"."meeting_id",
                "t8"."actor" AS "iso3"
              FROM (
                SELECT
                  *
                FROM "liaison_participants" AS "t1"
                WHERE
                  "t1"."actor" IN (
                    SELECT
                      *
                    FROM "t6"
                  )
              ) AS "t8"
            ) AS "t10"
            UNION
            SELECT
              *
            FROM (
              SELECT
                "t11"."meeting_id",
                "t11"."country_iso3" AS "iso3"
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
                ) AS "t9"
                WHERE
                  "t9"."country_iso3" IN (
                    SELECT
                      *
                    FROM "t6"
                  )
              ) AS "t11"
            ) AS "t12"
          ) AS "t13"
          WHERE
            "t13"."iso3" IN ('RUS')
        )
    ) AS "t15"
    WHERE
      "t15"."date_precision" IN ('day', 'month') AND "t15"."start_date" IS NOT NULL
  ) AS "t16"
  GROUP BY
    1,
    2
) AS "t17"
ORDER BY
  "t17"."month" ASC,
  "t17"."format" ASC
