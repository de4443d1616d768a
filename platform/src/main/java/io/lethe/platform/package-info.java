/** The bootable Lethe application: it wires the sides together with persistence, security and operations. */
package io.lethe.platform;
