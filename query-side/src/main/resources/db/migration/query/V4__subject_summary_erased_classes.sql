-- Which retention classes of the subject were shredded, so staff see an erasure at a glance.
ALTER TABLE subject_summary ADD COLUMN erased_classes TEXT[] NOT NULL DEFAULT '{}';
