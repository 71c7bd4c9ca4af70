WITH `t9` AS (
  SELECT
    *
  FROM `liaison_states` AS `t4`
), `t15` AS (
  SELECT DISTINCT
    `t14`.`meeting_id`,
    `t14`.`actor` AS `iso3`
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
  ) AS `t14`
), `t21` AS (
  SELECT
    *
  FROM `liaison_meetings` AS `t0`
  WHERE
    `t0`.`meeting_id` IN (
      SELECT
        `t19`.`meeting_id`
      FROM (
        SELECT
          *
        FROM `t15` AS `t17`
        UNION DISTINCT
        SELECT
          *
        FROM (
          SELECT
            `t16`.`meeting_id`,
            `t16`.`country_iso3` AS `iso3`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t5`.`row`,
                `t5`.`meeting_id`,
                `t5`.`title`,
                `t5`.`title_fr`,
                `t5`.`series`,
                `t5`.`edition`,
                `t5`.`format`,
                `t5`.`start_date`,
                `t5`.`end_date`,
                `t5`.`date_precision`,
                `t5`.`venue_id`,
                `t5`.`organizer`,
                `t5`.`parent_meeting_id`,
                `t5`.`search`,
                `t6`.`name`,
                `t6`.`name_fr`,
                `t6`.`city`,
                `t6`.`country_iso3`,
                `t6`.`latitude`,
                `t6`.`longitude`
              FROM `liaison_meetings` AS `t5`
              INNER JOIN `liaison_venues` AS `t6`
                ON `t5`.`venue_id` = `t6`.`venue_id`
            ) AS `t13`
            WHERE
              `t13`.`country_iso3` IN (
                SELECT
                  *
                FROM `t9`
              )
          ) AS `t16`
        ) AS `t18`
      ) AS `t19`
      WHERE
        `t19`.`iso3` IN ('RUS')
    )
), `t24` AS (
  SELECT
    `t22`.`meeting_id`
  FROM `t21` AS `t22`
)
SELECT
  `t33`.`meeting_id`,
  `t33`.`title`,
  `t33`.`title_fr`,
  `t33`.`series`,
  `t33`.`edition`,
  `t33`.`format`,
  `t33`.`start_date`,
  `t33`.`end_date`,
  `t33`.`date_precision`,
  `t33`.`venue_id`,
  `t33`.`venue`,
  `t33`.`venue_fr`,
  `t33`.`city`,
  `t33`.`country_iso3`,
  `t33`.`organizer`,
  `t33`.`parent_meeting_id`,
  `t33`.`states`,
  `t33`.`topics`
FROM (
  SELECT
    `t23`.`meeting_id`,
    `t23`.`title`,
    `t23`.`title_fr`,
    `t23`.`series`,
    `t23`.`edition`,
    `t23`.`format`,
    `t23`.`start_date`,
    `t23`.`end_date`,
    `t23`.`date_precision`,
    `t23`.`venue_id`,
    `t11`.`venue`,
    `t11`.`venue_fr`,
    `t11`.`city`,
    `t11`.`country_iso3`,
    `t23`.`organizer`,
    `t23`.`parent_meeting_id`,
    `t29`.`states`,
    `t32`.`topics`,
    IF(`t10`.`parent_id` IS NOT NULL, `t10`.`parent_start`, `t23`.`start_date`) AS `family_start`,
    COALESCE(`t10`.`parent_id`, `t23`.`meeting_id`) AS `family`,
    `t10`.`parent_id` IS NOT NULL AS `margin`
  FROM `t21` AS `t23`
  LEFT OUTER JOIN (
    SELECT
      `t0`.`meeting_id` AS `parent_id`,
      `t0`.`start_date` AS `parent_start`
    FROM `liaison_meetings` AS `t0`
  ) AS `t10`
    ON `t23`.`parent_meeting_id` = `t10`.`parent_id`
  LEFT OUTER JOIN (
    SELECT
      `t1`.`venue_id`,
      `t1`.`city`,
      `t1`.`country_iso3`,
      `t1`.`name` AS `venue`,
      `t1`.`name_fr` AS `venue_fr`
    FROM `liaison_venues` AS `t1`
  ) AS `t11`
    ON `t23`.`venue_id` = `t11`.`venue_id`
  LEFT OUTER JOIN (
    SELECT
      `t26`.`meeting_id`,
      ARRAY(
        SELECT
          ibis_bq_arr_0
        FROM UNNEST(ARRAY_AGG(`t26`.`iso3` IGNORE NULLS)) AS ibis_bq_arr_0
        ORDER BY
          ibis_bq_arr_0
      ) AS `states`
    FROM (
      SELECT
        *
      FROM `t15` AS `t17`
      WHERE
        `t17`.`meeting_id` IN (
          SELECT
            *
          FROM `t24`
        )
    ) AS `t26`
    GROUP BY
      1
  ) AS `t29`
    ON `t23`.`meeting_id` = `t29`.`meeting_id`
  LEFT OUTER JOIN (
    SELECT
      `t30`.`meeting_id`,
      ARRAY(
        SELECT
          __ibis_param_line__.`topic_id`
        FROM UNNEST(`t30`.`lines`) AS __ibis_param_line__
      ) AS `topics`
    FROM (
      SELECT
        `t27`.`meeting_id`,
        ARRAY(
          SELECT
            ibis_bq_arr_1
          FROM UNNEST(ARRAY_AGG(STRUCT(`t27`.`row` AS `row`, `t27`.`topic_id` AS `topic_id`) IGNORE NULLS)) AS ibis_bq_arr_1
          ORDER BY
            ibis_bq_arr_1
        ) AS `lines`
      FROM (
        SELECT
          *
        FROM `liaison_topics` AS `t2`
        WHERE
          `t2`.`meeting_id` IN (
            SELECT
              *
            FROM `t24`
          )
      ) AS `t27`
      GROUP BY
        1
    ) AS `t30`
  ) AS `t32`
    ON `t23`.`meeting_id` = `t32`.`meeting_id`
) AS `t33`
ORDER BY
  `t33`.`family_start` DESC,
  `t33`.`family` ASC NULLS LAST,
  `t33`.`margin` ASC NULLS LAST,
  `t33`.`start_date` ASC NULLS LAST,
  `t33`.`meeting_id` ASC NULLS LAST
