package dev.churnops.local.asl;

import java.util.List;

/**
  * One entry of a state's {@code Catch} list: the errors it handles, the state to go to, and where the
  * error output {@code {"Error": ..., "Cause": ...}} goes in the state's raw input ({@code ResultPath},
  * default {@code $}, {@code null} meaning the error output is dropped and the input passes on).
  */
record Catcher(List<String> errorEquals, String next, JsonPath resultPath) {

    boolean matches(String error) {
        return ErrorNames.matches(errorEquals, error);
    }
}
