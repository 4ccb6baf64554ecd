"""Simulated smart plugs (Shelly Gen2+, Tasmota, Zigbee2MQTT) and a real Mosquitto broker, as
test infrastructure: each plug runs its own off timer on a SimClock the test moves, in the
test's process and independent of the app, as a real plug's timer is independent of the
computer that set it."""
