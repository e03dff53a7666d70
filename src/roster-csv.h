/* roster-csv.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-api.h"

G_BEGIN_DECLS

void   roster_csv_append_record  (GString            *csv,
                                  const char * const *fields,
                                  gsize               n_fields);
char  *roster_csv_format_members (GPtrArray          *members);

G_END_DECLS
