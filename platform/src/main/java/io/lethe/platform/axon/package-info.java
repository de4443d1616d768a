/**
 * How Axon stores and ships messages here: Jackson serialization, the JDBC event, token and saga
 * stores, and what becomes of an event a handler fails on.
 */
package io.lethe.platform.axon;
