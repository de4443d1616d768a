/** The subject-summary projection and the staff endpoints that list and show subjects. */
package io.lethe.query.subject;
