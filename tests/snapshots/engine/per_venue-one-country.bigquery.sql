WITH `t6` AS (
  SELECT
    *
  FROM `liaison_states` AS `t3`
)
SELECT
  `t18`.`venue_id`,
  `t18`.`name`,
  `t18`.`city`,
  `t18`.`country_iso3`,
  `t18`.`latitude`,
  `t18`.`longitude`,
  `t18`.`meetings`,
  `t18`.`bilateral`,
  `t18`.`meetings` - `t18`.`bilateral` AS `multilateral`
FROM (
  SELECT
    `t17`.`venue_id`,
    `t17`.`name`,
    `t17`.`city`,
    `t17`.`country_iso3`,
    `t17`.`latitude`,
    `t17`.`longitude`,
    COUNT(*) AS `meetings`,
    SUM(CAST(`t17`.`format` = 'bilateral' AS INT64)) AS `bilateral`
  FROM (
    SELECT
      `t16`.`row`,
      `t16`.`meeting_id`,
      `t16`.`title`,
      `t16`.`title_fr`,
      `t16`.`series`,
      `t16`.`edition`,
      `t16`.`format`,
      `t16`.`start_date`,
      `t16`.`end_date`,
      `t16`.`date_precision`,
      `t16`.`venue_id`,
      `t16`.`organizer`,
      `t16`.`parent_meeting_id`,
      `t16`.`search`,
      `t5`.`name`,
      `t5`.`name_fr`,
      `t5`.`city`,
      `t5`.`country_iso3`,
      `t5`.`latitude`,
      `t5`.`longitude`
    FROM (
      SELECT
        *
      FROM `liaison_meetings` AS `t0`
      WHERE
        `t0`.`meeting_id` IN (
          SELECT
            `t13`.`meeting_id`
          FROM (
            SELECT
              *
            FROM (
              SELECT DISTINCT
                `t9`.`meeting_id`,
                `t9`.`actor` AS `iso3`
              FROM (
                SELECT
                  *
                FROM `liaison_participants` AS `t2`
                WHERE
                  `t2`.`actor` IN (
                    SELECT
                      *
                    FROM `t6`
                  )
              ) AS `t9`
            ) AS `t10`
            UNION DISTINCT
            SELECT
              *
            FROM (
              SELECT
                `t11`.`meeting_id`,
                `t11`.`country_iso3` AS `iso3`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t4`.`row`,
                    `t4`.`meeting_id`,
                    `t4`.`title`,
                    `t4`.`title_fr`,
                    `t4`.`series`,
                    `t4`.`edition`,
                    `t4`.`format`,
                    `t4`.`start_date`,
                    `t4`.`end_date`,
                    `t4`.`date_precision`,
                    `t4`.`venue_id`,
                    `t4`.`organizer`,
                    `t4`.`parent_meeting_id`,
                    `t4`.`search`,
                    `t5`.`name`,
                    `t5`.`name_fr`,
                    `t5`.`city`,
                    `t5`.`country_iso3`,
                    `t5`.`latitude`,
                    `t5`.`longitude`
                  FROM `liaison_meetings` AS `t4`
                  INNER JOIN `liaison_venues` AS `t5`
                    ON `t4`.`venue_id` = `t5`.`venue_id`
                ) AS `t8`
                WHERE
                  `t8`.`country_iso3` IN (
                    SELECT
                      *
                    FROM `t6`
                  )
              ) AS `t11`
            ) AS `t12`
          ) AS `t13`
          WHERE
            `t13`.`iso3` IN ('RUS')
        )
    ) AS `t16`
    INNER JOIN `liaison_venues` AS `t5`
      ON `t16`.`venue_id` = `t5`.`venue_id`
  ) AS `t17`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS `t18`
ORDER BY
  `t18`.`meetings` DESC,
  `t18`.`venue_id` ASC NULLS LAST
