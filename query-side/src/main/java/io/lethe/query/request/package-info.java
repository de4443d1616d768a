/** The request queue for privacy staff, the processors' deletion work list, and the request gauges. */
package io.lethe.query.request;
