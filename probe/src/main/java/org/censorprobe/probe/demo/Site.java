package org.censorprobe.probe.demo;

/**
 * One invented place of the demo world: a platform's or a control's web server. {@code id} is the platform id in
 * targets.yaml (null for a control); {@code host} a name under {@link DemoWorld#ZONE}.
 */
record Site(String id, String name, String host, boolean https, boolean domestic) {
  boolean control() {
    return id == null;
  }
}
