/** The rule table for data-subject requests, with its one operator setting. */
package io.lethe.platform.requests;
