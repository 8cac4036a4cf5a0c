-- batch: table=app.field_data key=entity_id,deleted
UPDATE app.field_data SET v = E'it\'s;'
 WHERE (entity_id, deleted) > (:from_entity_id, :from_deleted)
   AND (entity_id, deleted) <= (:to_entity_id, :to_deleted) AND data ? 'k';
