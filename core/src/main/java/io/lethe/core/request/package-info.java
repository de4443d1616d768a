/**
 * Data-subject requests across the four jurisdictions: the request types each law grants, the rule
 * table with every statutory period, and the messages of a request's life from intake to
 * fulfilment or reasoned denial, including the erasure process's steps.
 */
package io.lethe.core.request;
