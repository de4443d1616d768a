package io.lethe.command.subject;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint a product service calls on the subject's behalf, from the subject's own browser or app:
 * the only kind on which a Global Privacy Control signal ({@code Sec-GPC: 1}) speaks for the subject.
 * Staff actions (a request's steps, shredding, legal holds, findings) and processors' confirmations
 * are never marked: a staff member's browser sending the signal says nothing about the subject.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface SubjectFacing {
}
