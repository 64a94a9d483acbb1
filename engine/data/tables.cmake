# Writes OUT, C initialisers for the reference tables of engine/data/ (the
# files are the one owner of those facts; categories.c and territory.c
# include what this writes):
#   categories.tsv   -> MH__CATEGORY_ROWS   {code, label, sector, retired}
#   departements.tsv -> MH__DEPARTEMENT_ROWS {code, region, name}
#   regions.tsv      -> MH__REGION_ROWS      {code, name}
# Lines starting with # are the files' notes (their sources); every other
# line has the documented number of tab-separated fields, or the build stops.
function(mh_c_string out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

function(mh_table file fields macro template)
  file(STRINGS ${file} lines ENCODING UTF-8)
  set(rows "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^#" OR line STREQUAL "")
      continue()
    endif()
    string(REPLACE "\t" ";" cells "${line}")
    list(LENGTH cells n)
    if(NOT n EQUAL ${fields})
      message(FATAL_ERROR "${file}: '${line}': expected ${fields} tab-separated fields")
    endif()
    set(row "${template}")
    set(i 0)
    foreach(cell IN LISTS cells)
      mh_c_string(quoted "${cell}")
      string(REPLACE "@${i}@" "${quoted}" row "${row}")
      string(REPLACE "@${i}raw@" "${cell}" row "${row}")
      math(EXPR i "${i} + 1")
    endforeach()
    string(APPEND rows "    ${row}, \\\n")
  endforeach()
  set(body "${body}#define ${macro} \\\n${rows}\n" PARENT_SCOPE)
endfunction()

set(body "/* Generated from the .tsv files of engine/data/ by engine/data/tables.cmake: do not edit. */\n")
# categories.tsv: code, sector, retired, label
mh_table(${DIR}/categories.tsv 4 MH__CATEGORY_ROWS "{@0@, @3@, MH__SECTOR_@1raw@, @2@}")
# departements.tsv: code, region, name
mh_table(${DIR}/departements.tsv 3 MH__DEPARTEMENT_ROWS "{@0@, @1@, @2@}")
# regions.tsv: code, name
mh_table(${DIR}/regions.tsv 2 MH__REGION_ROWS "{@0@, @1@}")
string(REPLACE "MH__SECTOR_medico-social" "MH_SECTOR_MEDICO_SOCIAL" body "${body}")
string(REPLACE "MH__SECTOR_sanitaire" "MH_SECTOR_SANITAIRE" body "${body}")
string(REPLACE ", \"-\"}" ", NULL}" body "${body}")
if(body MATCHES "MH__SECTOR_")
  message(FATAL_ERROR "${DIR}/categories.tsv: a sector is neither sanitaire nor medico-social")
endif()
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
