package io.lethe.core.personaldata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the text property that names the retention period a message's personal data belongs to
 * (a {@link UsagePeriods} label). Its personal fields are then sealed under the data key of that
 * period, {@link UsagePeriods#keyHolder(String, String) held apart} from the subject's other keys,
 * so the period can be shredded on its own while the account lives on (rolling retention).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface KeyPeriod {
}
