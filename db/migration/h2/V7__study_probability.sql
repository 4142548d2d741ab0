-- Model 2.0 scores a study by its own rule (the model card's study operating point), not by its highest slice:
-- the study's probability and the threshold it was judged at are kept beside the highest slice probability.
-- Both null for examinations scored before.
alter table examination add column study_probability double precision;
alter table examination add column study_threshold double precision;
