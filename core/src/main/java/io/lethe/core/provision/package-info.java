/**
 * Records of provision to third parties (APPI Art. 29) and confirmations of receipt from them
 * (Art. 30), with the periods they must be kept for.
 */
package io.lethe.core.provision;
