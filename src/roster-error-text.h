/* roster-error-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *roster_error_text_summarize         (const GError *error,
                                           const char   *required_scope,
                                           GDateTime    *now);
char *roster_error_text_describe          (const GError *error,
                                           const char   *required_scope,
                                           GDateTime    *now);
char *roster_error_text_dup_missing_scope (const GError *error,
                                           const char   *fallback_scope);
char *roster_error_text_format_retry      (gint64        rate_limit_reset,
                                           GDateTime    *now);

G_END_DECLS
