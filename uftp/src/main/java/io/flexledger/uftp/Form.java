package io.flexledger.uftp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The lexical form a string attribute must have (a pattern of the schema), checked on reading and writing. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Form {
    /** The schema's SpecVersion: major.minor.patch. */
    String VERSION = "\\d+\\.\\d+\\.\\d+";
    /** The schema's InternetDomainType. */
    String DOMAIN = "([a-z0-9]+(-[a-z0-9]+)*\\.)+[a-z]{2,}";
    /** The schema's EntityAddressType. */
    String ENTITY_ADDRESS = "(ea1\\.[0-9]{4}-[0-9]{2}\\..{1,244}:.{1,244}|ean\\.[0-9]{12,34})";
    /** The schema's TimeZoneNameType. */
    String TIME_ZONE = "(Africa|America|Australia|Europe|Pacific)/[a-zA-Z0-9_/]{3,}";
    /** The schema's ISO4217CurrencyType. */
    String CURRENCY = "[A-Z]{3}";

    /** The regular expression the whole value must match. */
    String value();

    /** What a value of that form is, for the error message. */
    String what();
}
