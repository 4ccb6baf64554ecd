"""Clients for the smart plugs a belt can be plugged into, each over its documented local
API (no cloud account), each a core/ports HeatSwitch: Shelly Gen2+ (shelly.py) and
Tasmota (tasmota.py), over HTTP with httpx (README: why httpx)."""
