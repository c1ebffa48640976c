package dev.fargatedoctor.collect.org;

import dev.fargatedoctor.collect.AccountRole;

/**
 * How an organisation is scanned: the role assumed in each member account; whether each account's
 * enabled Regions are scanned instead of the given ones; and how many accounts are collected at
 * once.
 */
public record OrgSettings(AccountRole role, boolean enabledRegions, int accountConcurrency) {
  public OrgSettings {
    if (accountConcurrency < 1 || accountConcurrency > 64) {
      throw new IllegalArgumentException(
          "--account-concurrency must be between 1 and 64, not " + accountConcurrency);
    }
  }
}
