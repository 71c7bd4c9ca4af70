WITH `t9` AS (
  SELECT
    *
  FROM `liaison_states` AS `t4`
), `t18` AS (
  SELECT
    *
  FROM `liaison_meetings` AS `t2`
  WHERE
    `t2`.`meeting_id` IN (
      SELECT
        `t16`.`meeting_id`
      FROM (
        SELECT
          *
        FROM (
          SELECT DISTINCT
            `t11`.`meeting_id`,
            `t11`.`actor` AS `iso3`
          FROM (
            SELECT
              *
            FROM `liaison_participants` AS `t3`
            WHERE
              `t3`.`actor` IN (
                SELECT
                  *
                FROM `t9`
              )
          ) AS `t11`
        ) AS `t13`
        UNION DISTINCT
        SELECT
          *
        FROM (
          SELECT
            `t14`.`meeting_id`,
            `t14`.`country_iso3` AS `iso3`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t7`.`row`,
                `t7`.`meeting_id`,
                `t7`.`title`,
                `t7`.`title_fr`,
                `t7`.`series`,
                `t7`.`edition`,
                `t7`.`format`,
                `t7`.`start_date`,
                `t7`.`end_date`,
                `t7`.`date_precision`,
                `t7`.`venue_id`,
                `t7`.`organizer`,
                `t7`.`parent_meeting_id`,
                `t7`.`search`,
                `t8`.`name`,
                `t8`.`name_fr`,
                `t8`.`city`,
                `t8`.`country_iso3`,
                `t8`.`latitude`,
                `t8`.`longitude`
              FROM `liaison_meetings` AS `t7`
              INNER JOIN `liaison_venues` AS `t8`
                ON `t7`.`venue_id` = `t8`.`venue_id`
            ) AS `t12`
            WHERE
              `t12`.`country_iso3` IN (
                SELECT
                  *
                FROM `t9`
              )
          ) AS `t14`
        ) AS `t15`
      ) AS `t16`
      WHERE
        `t16`.`iso3` IN ('RUS')
    )
)
SELECT
  *
FROM (
  SELECT
    `t26`.`topic_id`,
    `t6`.`parent`,
    `t26`.`meetings`,
    ieee_divide(`t26`.`meetings`, `t22`.`total`) AS `share`
  FROM (
    SELECT
      `t24`.`topic_id`,
      COUNT(*) AS `meetings`
    FROM (
      SELECT DISTINCT
        `t23`.`meeting_id`,
        `t23`.`topic_id`
      FROM (
        SELECT
          *
        FROM `liaison_topics` AS `t1`
        WHERE
          `t1`.`meeting_id` IN (
            SELECT
              `t19`.`meeting_id`
            FROM `t18` AS `t19`
          )
      ) AS `t23`
    ) AS `t24`
    GROUP BY
      1
  ) AS `t26`
  INNER JOIN `liaison_taxonomy` AS `t6`
    ON `t26`.`topic_id` = `t6`.`topic_id`
  CROSS JOIN (
    SELECT
      COUNT(*) AS `total`
    FROM `t18` AS `t19`
  ) AS `t22`
) AS `t27`
ORDER BY
  `t27`.`meetings` DESC,
  `t27`.`topic_id` ASC NULLS LAST
