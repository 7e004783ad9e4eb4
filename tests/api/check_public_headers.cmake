cmake_minimum_required(VERSION 3.25)
# Fails when a public header includes anything but a C++ standard header or another
# esc50/ header: users of the installed library must need nothing else.
set(standard_headers
  algorithm any array atomic bitset cassert cmath compare concepts cstddef cstdint cstdio cstdlib
  cstring deque exception filesystem functional initializer_list iosfwd istream iterator limits
  list map memory optional ostream ratio set span stdexcept string string_view system_error
  tuple type_traits unordered_map utility variant vector)
file(GLOB headers ${HEADERS}/*.h)
if(NOT headers)
  message(FATAL_ERROR "no public headers found in ${HEADERS}")
endif()
foreach(header ${headers})
  file(STRINGS ${header} includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line ${includes})
    if(line MATCHES "<([^>]+)>")
      if(NOT CMAKE_MATCH_1 IN_LIST standard_headers)
        message(FATAL_ERROR "${header}: includes <${CMAKE_MATCH_1}>, which is not a C++ standard header")
      endif()
    elseif(line MATCHES "\"([^\"]+)\"")
      if(NOT CMAKE_MATCH_1 MATCHES "^esc50/[a-z_]+\\.h$" OR NOT EXISTS ${HEADERS}/../${CMAKE_MATCH_1})
        message(FATAL_ERROR "${header}: includes \"${CMAKE_MATCH_1}\", which is not a public esc50 header")
      endif()
    endif()
  endforeach()
endforeach()
message(STATUS "public headers: each includes only standard and esc50/ headers")
