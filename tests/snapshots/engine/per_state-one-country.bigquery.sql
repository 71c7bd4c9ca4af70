WITH `t6` AS (
  SELECT
    *
  FROM `liaison_states` AS `t2`
), `t8` AS (
  SELECT
    *
  FROM `liaison_participants` AS `t1`
  WHERE
    `t1`.`actor` IN (
      SELECT
        *
      FROM `t6`
    )
), `t13` AS (
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
  ) AS `t9`
  WHERE
    `t9`.`country_iso3` IN (
      SELECT
        *
      FROM `t6`
    )
), `t20` AS (
  SELECT
    *
  FROM `liaison_meetings` AS `t0`
  WHERE
    `t0`.`meeting_id` IN (
      SELECT
        `t18`.`meeting_id`
      FROM (
        SELECT
          *
        FROM (
          SELECT DISTINCT
            `t10`.`meeting_id`,
            `t10`.`actor` AS `iso3`
          FROM `t8` AS `t10`
        ) AS `t11`
        UNION DISTINCT
        SELECT
          *
        FROM (
          SELECT
            `t14`.`meeting_id`,
            `t14`.`country_iso3` AS `iso3`
          FROM `t13` AS `t14`
        ) AS `t16`
      ) AS `t18`
      WHERE
        `t18`.`iso3` IN ('RUS')
    )
), `t27` AS (
  SELECT
    `t26`.`meeting_id`,
    `t26`.`iso3`,
    `t26`.`role`,
    `t24`.`start_date`
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t10`.`meeting_id`,
          `t10`.`actor` AS `iso3`,
          `t10`.`role`
        FROM `t8` AS `t10`
      ) AS `t12`
      UNION DISTINCT
      SELECT
        *
      FROM (
        SELECT
          `t14`.`meeting_id`,
          `t14`.`country_iso3` AS `iso3`,
          'venue' AS `role`
        FROM `t13` AS `t14`
      ) AS `t15`
    ) AS `t17`
    WHERE
      `t17`.`meeting_id` IN (
        SELECT
          `t21`.`meeting_id`
        FROM `t20` AS `t21`
      )
  ) AS `t26`
  INNER JOIN (
    SELECT
      `t21`.`meeting_id`,
      `t21`.`start_date`
    FROM `t20` AS `t21`
  ) AS `t24`
    ON `t26`.`meeting_id` = `t24`.`meeting_id`
)
SELECT
  *
FROM (
  SELECT
    `t30`.`iso3`,
    `t30`.`meetings`,
    `t30`.`roles`,
    `t33`.`latest_meeting_id`
  FROM (
    SELECT
      `t28`.`iso3`,
      COUNT(DISTINCT `t28`.`meeting_id`) AS `meetings`,
      ARRAY(
        SELECT
          ibis_bq_arr_0
        FROM UNNEST(ARRAY_AGG(DISTINCT `t28`.`role` IGNORE NULLS)) AS ibis_bq_arr_0
        ORDER BY
          ibis_bq_arr_0
      ) AS `roles`
    FROM `t27` AS `t28`
    GROUP BY
      1
  ) AS `t30`
  INNER JOIN (
    SELECT
      `t31`.`iso3`,
      `t31`.`meeting_id` AS `latest_meeting_id`
    FROM (
      SELECT
        `t28`.`meeting_id`,
        `t28`.`iso3`,
        `t28`.`role`,
        `t28`.`start_date`,
        ROW_NUMBER() OVER (
          PARTITION BY `t28`.`iso3`
          ORDER BY `t28`.`start_date` DESC, `t28`.`meeting_id` DESC
        ) - 1 AS `rank`
      FROM `t27` AS `t28`
    ) AS `t31`
    WHERE
      `t31`.`rank` = 0
  ) AS `t33`
    ON `t30`.`iso3` = `t33`.`iso3`
) AS `t34`
ORDER BY
  `t34`.`meetings` DESC,
  `t34`.`iso3` ASC NULLS LAST
