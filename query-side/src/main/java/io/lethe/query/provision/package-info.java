/** The register of APPI provision and receipt records, each kept for its period and then purged. */
package io.lethe.query.provision;
