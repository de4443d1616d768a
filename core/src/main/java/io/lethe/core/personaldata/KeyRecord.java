package io.lethe.core.personaldata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the text property that names a record kept for a period of its own — an APPI Art. 30 receipt
 * record, kept one or three years whatever becomes of the subject's profile. The record's personal
 * fields (PROFILE) are sealed under a data key of that record alone,
 * {@link UsagePeriods#recordHolder(String, String) held apart} from the subject's keys: an erasure of
 * the profile leaves the record readable, as the law asks, and the record's own key is shredded when
 * its keeping period ends.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface KeyRecord {
}
