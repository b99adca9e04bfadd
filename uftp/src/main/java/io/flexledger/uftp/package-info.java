/**
 * UFTP 3.x (Shapeshifter) messages exchanged between a DSO and an aggregator, their XML binding
 * ({@link io.flexledger.uftp.UftpXml}) and CS1 signing ({@link io.flexledger.uftp.Cs1}).
 *
 * <p>Messages have no XML namespace, as in the specification's schemas. Attribute types: TimeStamp
 * and ExpirationDateTime are {@link java.time.OffsetDateTime}, Period is {@link java.time.LocalDate},
 * ISP-Duration is {@link java.time.Duration}, message identifiers are {@link java.util.UUID}.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlJavaTypeAdapters({
    @XmlJavaTypeAdapter(value = XmlValues.DateTime.class, type = OffsetDateTime.class),
    @XmlJavaTypeAdapter(value = XmlValues.Date.class, type = LocalDate.class),
    @XmlJavaTypeAdapter(value = XmlValues.IspDuration.class, type = Duration.class),
    @XmlJavaTypeAdapter(value = XmlValues.Uuid.class, type = UUID.class)
})
package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapters;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
