/** How Axon stores and ships messages here: Jackson serialization and the JDBC event, token and saga stores. */
package io.lethe.platform.axon;
