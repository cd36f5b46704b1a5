// @jobkit/sim: Virtual-time simulator: scripted pod outcomes, timeline of controller decisions
export {};
