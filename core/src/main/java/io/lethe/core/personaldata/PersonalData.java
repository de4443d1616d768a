package io.lethe.core.personaldata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a message field as personal data of the message's {@link DataSubjectId data subject}.
 * Such a field never appears in {@code toString()}, and the serializer protects it by its
 * retention class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** The retention class whose key protects this field. */
    RetentionClass value();

    /**
     * How the field reads after its key is shredded: {@link Redaction#MARKER} ({@value Redaction#ERASED})
     * for text, {@link Redaction#NULL} for every other type.
     */
    Redaction redaction() default Redaction.MARKER;

    /**
     * For a field declared personal after its message was first stored: the first revision
     * ({@code @Revision}) of the message that stores it sealed. Earlier revisions held it in the clear
     * and are read as they are; from this revision on, a value that is not sealed is refused as
     * tampered. Empty: sealed in every revision.
     */
    String sealedSince() default "";
}
