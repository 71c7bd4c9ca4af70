WITH "t6" AS (
  SELECT
    *
  FROM "liaison_states" AS "t2"
), "t13" AS (
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
), "t16" AS (
  SELECT
    *
  FROM "liaison_meetings" AS "t0"
  WHERE
    "t0"."meeting_id" IN (
      SELECT
        "t14"."meeting_id"
      FROM "t13" AS "t14"
      WHERE
        "t14"."iso3" IN ('RUS')
    )
)
SELECT
  "t22"."meetings",
  "t22"."multilateral",
  "t22"."bilateral",
  "t24"."states",
  "t26"."months"
FROM (
  SELECT
    COUNT(*) AS "meetings",
    COALESCE(SUM(CAST("t17"."format" = 'multilateral' AS INTEGER)), 0) AS "multilateral",
    COALESCE(SUM(CAST("t17"."format" = 'bilateral' AS INTEGER)), 0) AS "bilateral"
  FROM "t16" AS "t17"
) AS "t22"
CROSS JOIN (
  SELECT
    COUNT(DISTINCT "t20"."iso3") AS "states"
  FROM (
    SELECT
      *
    FROM "t13" AS "t14"
    WHERE
      "t14"."meeting_id" IN (
        SELECT
          "t17"."meeting_id"
        FROM "t16" AS "t17"
      )
  ) AS "t20"
) AS "t24"
CROSS JOIN (
  SELECT
    COUNT(
      DISTINCT (
        EXTRACT(year FROM "t19"."start_date") * 12
      ) + EXTRACT(month FROM "t19"."start_date")
    ) AS "months"
  FROM (
    SELECT
      *
    FROM "t16" AS "t17"
    WHERE
      "t17"."date_precision" IN ('day', 'month') AND "t17"."start_date" IS NOT NULL
  ) AS "t19"
) AS "t26"
