/**
 * Changes to the purposes of use (policy §3): the announcement, and the notification each affected
 * subject is owed and, once delivered, has received.
 */
package io.lethe.core.purpose;
