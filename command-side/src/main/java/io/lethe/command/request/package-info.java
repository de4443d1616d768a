/** The REST intake and handling of data-subject requests, for product services and privacy staff. */
package io.lethe.command.request;
