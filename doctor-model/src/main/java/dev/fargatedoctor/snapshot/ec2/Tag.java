package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An EC2 resource tag, as EC2 spells it. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record Tag(String key, String value) {}
