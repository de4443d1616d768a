/**
 * Crypto-shredding in the running platform: the key vault in PostgreSQL, the KEKs that wrap its
 * keys, and the serializer that seals personal-data fields for everything Axon stores or ships.
 */
package io.lethe.platform.crypto;
