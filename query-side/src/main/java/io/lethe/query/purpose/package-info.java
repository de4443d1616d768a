/** Purpose changes with the notices owed and delivered, for staff and for the services that deliver them. */
package io.lethe.query.purpose;
