/**
 * The data product services report as the subject uses the Service: network activity (CCPA
 * category D), inquiries and other communications (E), and the inferences drawn from them (F).
 * Usage data (D, F) is kept by rolling retention ({@link io.lethe.core.personaldata.UsagePeriods}).
 */
package io.lethe.core.activity;
