# The picky warning set (after curl's), applied to every target of the project
# through mh_apply_warnings().  MH_WERROR turns them into errors (CI).
set(MH_WARNING_FLAGS
  -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
  -Wcast-qual -Wwrite-strings -Wformat=2 -Wvla -Wconversion
  -Wno-sign-conversion -Wdouble-promotion -Wimplicit-fallthrough)
if(MH_WERROR)
  list(APPEND MH_WARNING_FLAGS -Werror)
endif()

function(mh_apply_warnings target)
  target_compile_options(${target} PRIVATE ${MH_WARNING_FLAGS})
endfunction()
