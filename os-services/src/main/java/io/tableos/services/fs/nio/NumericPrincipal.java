package io.tableos.services.fs.nio;

import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/** A uid or gid: the file system stores numbers, and names them by their decimal form. */
record NumericPrincipal(int id, boolean group) implements GroupPrincipal {
    static NumericPrincipal parse(String name, boolean group) throws UserPrincipalNotFoundException {
        try {
            return new NumericPrincipal(Integer.parseInt(name), group);
        } catch (NumberFormatException e) {
            throw new UserPrincipalNotFoundException(name);
        }
    }

    @Override
    public String getName() {
        return Integer.toString(id);
    }
}
