/*
 * maturinh.h: the whole public API of libmaturinh.
 *
 * Include this one header.  Names are prefixed mh_ (functions, types) and
 * MH_ (macros); see docs/architecture.md for the modules behind it.
 */
#ifndef MATURINH_H
#define MATURINH_H

#include "maturinh/common.h"
#include "maturinh/referentiel.h"
#include "maturinh/output.h"
#include "maturinh/answers.h"
#include "maturinh/evaluation.h"
#include "maturinh/report.h"
#include "maturinh/store.h"
#include "maturinh/accounts.h"
#include "maturinh/import.h"
#include "maturinh/publication.h"
#include "maturinh/categories.h"
#include "maturinh/territory.h"
#include "maturinh/sheet.h"
#include "maturinh/generate.h"
#include "maturinh/export.h"
#include "maturinh/finess_extract.h"
#include "maturinh/follow.h"

#endif
