WITH "t9" AS (
  SELECT
    *
  FROM "liaison_states" AS "t5"
), "t21" AS (
  SELECT
    *
  FROM (
    SELECT DISTINCT
      "t14"."meeting_id",
      "t14"."actor" AS "iso3"
    FROM (
      SELECT
        *
      FROM "liaison_participants" AS "t2"
      WHERE
        "t2"."actor" IN (
          SELECT
            *
          FROM "t9"
        )
    ) AS "t14"
  ) AS "t17"
  UNION
  SELECT
    *
  FROM (
    SELECT
      "t19"."meeting_id",
      "t19"."country_iso3" AS "iso3"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t7"."row",
          "t7"."meeting_id",
          "t7"."title",
          "t7"."title_fr",
          "t7"."series",
          "t7"."edition",
          "t7"."format",
          "t7"."start_date",
          "t7"."end_date",
          "t7"."date_precision",
          "t7"."venue_id",
          "t7"."organizer",
          "t7"."parent_meeting_id",
          "t7"."search",
          "t8"."name",
          "t8"."name_fr",
          "t8"."city",
          "t8"."country_iso3",
          "t8"."latitude",
          "t8"."longitude"
        FROM "liaison_meetings" AS "t7"
        INNER JOIN "liaison_venues" AS "t8"
          ON "t7"."venue_id" = "t8"."venue_id"
      ) AS "t15"
      WHERE
        "t15"."country_iso3" IN (
          SELECT
            *
          FROM "t9"
        )
    ) AS "t19"
  ) AS "t20"
)
SELECT
  "t28"."meeting_id"
FROM (
  SELECT
    *
  FROM "liaison_meetings" AS "t0"
  WHERE
    COALESCE(
      CASE
        WHEN "t0"."date_precision" = 'day'
        THEN "t0"."end_date" >= FROM_ISO8601_DATE(FORMAT('%04d-%02d-%02d', 2024, 3, 1))
        WHEN "t0"."date_precision" = 'month'
        THEN (
          (
            EXTRACT(year FROM "t0"."end_date") * 12
          ) + EXTRACT(month FROM "t0"."end_date")
        ) >= 24291
        ELSE EXTRACT(year FROM "t0"."end_date") >= 2024
      END,
      FALSE
    )
    AND COALESCE("t0"."start_date" < FROM_ISO8601_DATE(FORMAT('%04d-%02d-%02d', 2025, 6, 1)), FALSE)
    AND "t0"."format" IN ('bilateral')
    AND "t0"."meeting_id" IN (
      SELECT
        "t22"."meeting_id"
      FROM "t21" AS "t22"
      WHERE
        "t22"."iso3" IN ('QAT', 'MAR')
    )
    AND "t0"."meeting_id" IN (
      SELECT
        "t24"."meeting_id"
      FROM (
        SELECT
          *
        FROM "t21" AS "t22"
        WHERE
          "t22"."iso3" IN (
            SELECT
              "t3"."iso3"
            FROM "liaison_regions" AS "t3"
            WHERE
              "t3"."region" IN ('Western Asia') OR "t3"."subregion" IN ('Western Asia')
          )
      ) AS "t24"
    )
    AND (
      "t0"."meeting_id" IN (
        SELECT
          "t25"."meeting_id"
        FROM (
          SELECT
            *
          FROM "t21" AS "t22"
          WHERE
            "t22"."iso3" IN (
              SELECT
                "t4"."iso3"
              FROM "liaison_memberships" AS "t4"
              WHERE
                "t4"."org_id" IN ('GCC') AND COALESCE("t4"."status", '') <> 'former'
            )
        ) AS "t25"
      )
      OR "t0"."meeting_id" IN (
        SELECT
          "t16"."meeting_id"
        FROM (
          SELECT
            *
          FROM "liaison_participants" AS "t2"
          WHERE
            "t2"."actor" IN ('GCC')
            AND NOT (
              "t2"."actor" IN (
                SELECT
                  *
                FROM "t9"
              )
            )
        ) AS "t16"
      )
    )
    AND "t0"."meeting_id" IN (
      SELECT
        "t1"."meeting_id"
      FROM "liaison_topics" AS "t1"
      WHERE
        "t1"."topic_id" IN ('terrorism')
    )
    AND COALESCE(STRPOS("t0"."search", 'vienne') > 0, FALSE)
) AS "t28"
ORDER BY
  "t28"."row" ASC
