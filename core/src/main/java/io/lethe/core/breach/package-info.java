/**
 * Personal-data breaches: the facts of an incident, the notification duties each affected
 * jurisdiction's law derives from them (authority, individuals, California's Attorney General), their
 * deadlines, and the record of each notification sent.
 */
package io.lethe.core.breach;
